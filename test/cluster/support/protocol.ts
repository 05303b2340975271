/** What a test cluster node tells its parent. */
export type ChildReport =
  | { readonly type: "listening"; readonly port: number; readonly node: string }
  | { readonly type: "failed"; readonly error: string }
  | {
      readonly type: "cluster";
      readonly kind: string;
      readonly node: string | undefined;
      readonly expired: boolean | undefined;
      readonly at: number;
    }
  | { readonly type: "done"; readonly id: number; readonly value: unknown; readonly error?: string };

/** What the parent asks a node to do (the application's side: pushes, stats, a graceful close). */
export type ChildCommand = { readonly id: number } & (
  | { readonly type: "broadcast"; readonly key: string; readonly message: unknown }
  | {
      readonly type: "toRoom" | "sendToPresence";
      readonly room: string;
      readonly key: string;
      readonly message: unknown;
    }
  | { readonly type: "memory" | "close" }
);
