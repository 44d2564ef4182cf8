// What the main thread and a back-test thread say to each other
// (backtest-pool.ts, backtest-thread.ts). Plain data only: structured clone.
import type { PlainRecord } from "../profiles/prepared-history.js";
import type { SeizureGraph } from "../scoring/seizure-links.js";
import type { ProfileToScore, RunInputs, ScoredColumns } from "./backtest-scoring.js";

export type ThreadRequest =
  | {
      /** Keep this share of the unit's prepared history (replacing an older one). */
      type: "load";
      task: number;
      unitId: string;
      /** Names the prepared history the share is of: a new snapshot has a new token. */
      token: number;
      part: number;
      parts: number;
      records: PlainRecord[];
      firstSeen: ReadonlyMap<string, Date>;
      graph: SeizureGraph;
    }
  | {
      /** Score the share's records of history indexes [start, end). */
      type: "score";
      task: number;
      unitId: string;
      token: number;
      start: number;
      end: number;
      profiles: ProfileToScore[];
      inputs: RunInputs;
    };

export type ThreadReply =
  /** The thread holds no share of that history (first run, new snapshot, or dropped): load it, then ask again. */
  | { type: "missing"; task: number }
  /** Records of this task's share scored so far. */
  | { type: "progress"; task: number; done: number }
  /** One columns object per profile, in the request's order. */
  | { type: "scored"; task: number; columns: ScoredColumns[] }
  | { type: "failed"; task: number; message: string };
