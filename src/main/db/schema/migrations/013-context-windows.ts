// Schema step 13: context windows. What each server said about a model's window (and where it
// said it), a window learned from a refusal, and a window the user set, per backend and model;
// and per conversation what happens when its history no longer fits: leave out the oldest turns
// (the default) or stop and ask.
import type { Migration } from './migration';

export const contextWindows: Migration = {
  version: 13,
  name: 'context-windows',
  up: `
    CREATE TABLE model_windows (
      backend_id TEXT NOT NULL REFERENCES backends (id) ON DELETE CASCADE,
      model TEXT NOT NULL,
      -- What the server reported, and where (e.g. "llama.cpp /props n_ctx"); null when it did not say.
      reported INTEGER CHECK (reported IS NULL OR reported > 0),
      source TEXT,
      -- The model's trained length where it differs from what is served (Ollama's context_length).
      trained INTEGER CHECK (trained IS NULL OR trained > 0),
      -- Which of the server's tokenizers counts for it ('llama.cpp', 'vllm', 'koboldcpp'), if any.
      tokenizer TEXT,
      -- Read from a refusal ("maximum context length is N tokens"); cleared when the server is asked again.
      corrected INTEGER CHECK (corrected IS NULL OR corrected > 0),
      -- Set by the user (Settings, or contextWindows in the config file); wins over the rest.
      user_window INTEGER CHECK (user_window IS NULL OR user_window > 0),
      checked_at INTEGER,
      PRIMARY KEY (backend_id, model)
    ) WITHOUT ROWID;

    ALTER TABLE conversations ADD COLUMN context_overflow TEXT NOT NULL DEFAULT 'drop-oldest'
      CHECK (context_overflow IN ('drop-oldest', 'ask'));
  `,
};
