
/** Whether an answer is a success: narrows it to `{ type: "success"; result: T }`. */
export function isSuccess<T>(answer: JsonAnswer<T>): answer is Extract<JsonAnswer<T>, { type: "success" }>;
/** Whether an answer is a failure: narrows it to `{ type: "failure"; errors: InputError[] }`. */
export function isFailure<T>(answer: JsonAnswer<T>): answer is Extract<JsonAnswer<T>, { type: "failure" }>;
/** Whether a thrown value is the error of a misused call (`CallError`: `code` and `path`). */
export function isCallError(error: unknown): error is CallError;

declare global {
    interface SymbolConstructor {
        /**
         * `Symbol.dispose` (explicit resource management: `using p = prepare(facts).result`),
         * declared for TypeScript libraries older than `esnext.disposable`, so that the
         * `[Symbol.dispose]()` of `PreparedSubscription` type-checks with `lib: ["ES2022"]`.
         */
        readonly dispose: unique symbol;
    }
}
