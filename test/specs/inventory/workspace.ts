import type { SeedInventory } from "./types.js";

/**
 * Every event and field that `seeds/002_51b2737205d0d24b.txt` (Russian "Socket API") names, kept by hand
 * from the document alone. The transaction-scoped error event `socket-api-error-${transaction}` has a run-time
 * name, so it is listed by its component key.
 */
export const workspaceInventory: SeedInventory = {
  document: "002_51b2737205d0d24b.txt",
  messages: [
    { message: "auth", sender: "client", fields: ["transaction", "token", "workspaceId", "onlineStatus"] },
    { message: "auth-success", sender: "server", fields: ["transaction", "userId", "onlineStatus"] },
    { message: "socket-api-error", sender: "server", fields: ["event", "message"] },
    { message: "socketApiErrorTransaction", sender: "server", fields: ["message"] },
    { message: "workspace-updated", sender: "server", fields: ["workspace"] },
    { message: "channel-created", sender: "server", fields: ["channelId", "workspaceId"] },
    { message: "channel-updated", sender: "server", fields: ["channel"] },
    { message: "channel-deleted", sender: "server", fields: ["channelId", "workspaceId"] },
    { message: "user-joined", sender: "server", fields: ["user"] },
    { message: "user-leaved-workspace", sender: "server", fields: ["userId", "workspaceId"] },
    { message: "user-updated", sender: "server", fields: ["user"] },
    { message: "me-updated", sender: "server", fields: ["user", "whatWasUpdated"] },
    { message: "my-online-status-updated", sender: "server", fields: ["onlineStatus"] },
    { message: "password-changed", sender: "server", fields: [] },
    {
      message: "user-selected-channel",
      sender: "server",
      fields: ["userId", "channelId", "userMediaState", "socketId"],
    },
    { message: "user-unselected-channel", sender: "server", fields: ["userId", "channelId", "socketId"] },
    { message: "user-changed-device", sender: "server", fields: [] },
    { message: "online-status-updated", sender: "server", fields: ["userId", "onlineStatus"] },
    { message: "media-state-updated", sender: "server", fields: ["userId", "userMediaState", "channelId"] },
    {
      message: "invite",
      sender: "server",
      fields: ["inviteId", "isResponseNeeded", "userId", "workspaceId", "channelId", "message"],
    },
    { message: "invite-response", sender: "server", fields: ["inviteId", "userId", "response"] },
    { message: "invite-cancelled", sender: "server", fields: ["inviteId"] },
    { message: "kicked-from-workspace", sender: "server", fields: ["workspaceId"] },
    { message: "muted-for-all", sender: "server", fields: ["fromUserId", "socketId"] },
  ],
};
