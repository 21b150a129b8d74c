// Branded id types: a conversation id cannot be passed where a message id is expected.
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ConversationId = Brand<string, 'ConversationId'>;
export type MessageId = Brand<string, 'MessageId'>;
export type BackendId = Brand<string, 'BackendId'>;

export const asConversationId = (s: string): ConversationId => s as ConversationId;
export const asMessageId = (s: string): MessageId => s as MessageId;
export const asBackendId = (s: string): BackendId => s as BackendId;
