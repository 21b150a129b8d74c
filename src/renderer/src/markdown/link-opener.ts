// How a markdown link asks to be opened. The markdown code stays free of the api: the chat
// container provides `links:open`, and without a provider a click simply does nothing.
import { createContext } from 'react';

export type OpenLink = (url: string) => void;

export const LinkOpenerContext = createContext<OpenLink>(() => {});
