/** `wiretype mock`'s usage text, apart from the command so the CLI reference page can print it cheaply. */
export const mockUsage = `Usage: wiretype mock <spec> [--port N] [--host address] [--script file]

  spec           an AsyncAPI 3.x or 2.x document, YAML or JSON
  --port N       port of the (first) channel's server (default 4000; 0: any free port); channel n of a
                 spec with several listens on N + n
  --host addr    address to listen on (default 127.0.0.1)
  --script file  JSON or YAML list of server messages replayed on every connection:
                 [{ after_ms?: number, send: <message key>, payload?: <message> }, …]

A development server for front-end work, driven by the spec at run time (no code generated): it
validates every inbound frame and logs the refusals with the generated server's errors, answers
requests with the spec's examples (or values built from the schema), and runs the spec's greeting,
session, heartbeat and forwarding defaults. Sessions open without any check (insecure development
mode): never expose it in production.`;
