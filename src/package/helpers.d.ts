
/** Whether an answer is a success: narrows it to `{ type: "success"; result: T }`. */
export function isSuccess<T>(answer: JsonAnswer<T>): answer is Extract<JsonAnswer<T>, { type: "success" }>;
/** Whether an answer is a failure: narrows it to `{ type: "failure"; errors: InputError[] }`. */
export function isFailure<T>(answer: JsonAnswer<T>): answer is Extract<JsonAnswer<T>, { type: "failure" }>;
/** Whether a thrown value is the error of a misused call (`CallError`: `code` and `path`). */
export function isCallError(error: unknown): error is CallError;

/*
 * The types whose short names clash with the DOM's (`Request`) and with common application types
 * (`Action`, `Rule`, `Policy`, `Status`, `Effect`), under names that clash with none: import these.
 * The short names stay (the same types) for code written against them.
 */
/** A question: may `actor` do `action` at `now`, and what happens if they do? (`Request`) */
export type SubscriptionRequest = Request;
/** An action and its parameters (`Action`). */
export type SubscriptionAction = Action;
/** A POLICY.md rule ID such as `"CANC-5"` (`Rule`). */
export type SubscriptionRule = Rule;
/** The policy parameters in force (`Policy`). */
export type SubscriptionPolicy = Policy;
/** A subscription's status (`Status`). */
export type SubscriptionStatus = Status;
/** Something that changes if the action is carried out (`Effect`). */
export type SubscriptionEffect = Effect;

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
