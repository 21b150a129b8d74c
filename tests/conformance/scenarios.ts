// Which client scenarios of the MCP conformance suite Runnel's client plays, and why the others are
// left out. Every scenario the installed suite lists must be in one of the two.
export const playedScenarios = ['initialize', 'tools_call', 'sse-retry'] as const;

export const leftOut: Record<string, string> = {
  'elicitation-sep1034-client-defaults':
    'Runnel declares no elicitation capability: there is no UI yet to ask the user for what a server wants.',
  'auth/*': 'OAuth is not implemented: an HTTP server takes static headers (e.g. a bearer token) from its config.',
};

export const isLeftOut = (scenario: string): boolean =>
  scenario in leftOut || Object.keys(leftOut).some((k) => k.endsWith('/*') && scenario.startsWith(k.slice(0, -1)));
