// The page's state in the URL: `#r=<deflate-raw, base64url>` of the request's JSON text (or
// `#j=<base64url>` where CompressionStream is missing). A link reproduces the case exactly.

function toBase64url(bytes) {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

const fromBase64url = (text) =>
  Uint8Array.from(atob(text.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0));

async function pipe(bytes, stream) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

/** The hash for the JSON text of a request. */
export async function encodeHash(jsonText) {
  const bytes = new TextEncoder().encode(jsonText);
  if (typeof CompressionStream === "undefined") return `#j=${toBase64url(bytes)}`;
  return `#r=${toBase64url(await pipe(bytes, new CompressionStream("deflate-raw")))}`;
}

/** The JSON text in a hash made by `encodeHash`, or null when the hash holds none. */
export async function decodeHash(hash) {
  const m = /^#([rj])=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!m) return null;
  try {
    let bytes = fromBase64url(m[2]);
    if (m[1] === "r") bytes = await pipe(bytes, new DecompressionStream("deflate-raw"));
    return new TextDecoder().decode(bytes);
  } catch {
    return null;
  }
}
