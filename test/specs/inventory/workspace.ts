import { field, type SeedInventory } from "./types.js";

/** The online statuses the document lists (lines 20, 75, 97). */
const statuses = ["online", "idle", "offline"];

/**
 * Every event and field that `seeds/002_51b2737205d0d24b.txt` (Russian "Socket API") names, kept by hand
 * from the document alone. `{uuid}` is a string; a server event's fields are required (each is shown in
 * the event), an `auth` field is optional where the document says "опционально". The transaction-scoped
 * error event `socket-api-error-${transaction}` has a run-time name, so it is listed by its component key.
 */
export const workspaceInventory: SeedInventory = {
  document: "002_51b2737205d0d24b.txt",
  messages: [
    {
      message: "auth",
      sender: "client",
      fields: [
        field("transaction", "string", false, 17),
        field("token", "string", true, 18),
        field("workspaceId", "string", true, 19),
        field("onlineStatus", "string", false, 20, { values: statuses }),
      ],
    },
    {
      message: "auth-success",
      sender: "server",
      fields: [
        // "the unique string passed with auth": auth's transaction is optional (line 17), so this one is too.
        field("transaction", "string", false, 24),
        field("userId", "string", true, 25),
        // The status set of line 20; the notes show auth-success without it.
        field("onlineStatus", "string", true, 26, {
          values: statuses,
          relaxed: { evidence: "`auth-success` carries `{userId, transaction, reconnected}`" },
        }),
      ],
    },
    {
      message: "socket-api-error",
      sender: "server",
      fields: [field("event", "string", true, 32), field("message", "string", true, 33)],
    },
    { message: "socketApiErrorTransaction", sender: "server", fields: [field("message", "string", true, 37)] },
    { message: "workspace-updated", sender: "server", fields: [field("workspace", "object", true, 45)] },
    {
      message: "channel-created",
      sender: "server",
      fields: [field("channelId", "string", true, 48), field("workspaceId", "string", true, 49)],
    },
    { message: "channel-updated", sender: "server", fields: [field("channel", "object", true, 53)] },
    {
      message: "channel-deleted",
      sender: "server",
      fields: [field("channelId", "string", true, 56), field("workspaceId", "string", true, 57)],
    },
    { message: "user-joined", sender: "server", fields: [field("user", "object", true, 60)] },
    {
      message: "user-leaved-workspace",
      sender: "server",
      fields: [field("userId", "string", true, 63), field("workspaceId", "string", true, 64)],
    },
    { message: "user-updated", sender: "server", fields: [field("user", "object", true, 67)] },
    {
      message: "me-updated",
      sender: "server",
      fields: [
        field("user", "object", true, 71),
        field("whatWasUpdated", "string", true, 72, { values: ["social-auth", "app-settings"] }),
      ],
    },
    {
      message: "my-online-status-updated",
      sender: "server",
      fields: [field("onlineStatus", "string", true, 75, { values: statuses })],
    },
    { message: "password-changed", sender: "server", fields: [] },
    {
      message: "user-selected-channel",
      sender: "server",
      fields: [
        field("userId", "string", true, 81),
        field("channelId", "string", true, 82),
        field("userMediaState", "object", true, 83),
        field("socketId", "string", true, 84),
      ],
    },
    {
      message: "user-unselected-channel",
      sender: "server",
      fields: [
        field("userId", "string", true, 87),
        field("channelId", "string", true, 88),
        field("socketId", "string", true, 89),
      ],
    },
    { message: "user-changed-device", sender: "server", fields: [] },
    {
      message: "online-status-updated",
      sender: "server",
      fields: [field("userId", "string", true, 96), field("onlineStatus", "string", true, 97, { values: statuses })],
    },
    {
      message: "media-state-updated",
      sender: "server",
      fields: [
        field("userId", "string", true, 100),
        field("userMediaState", "object", true, 101),
        field("channelId", "string", true, 102),
      ],
    },
    {
      message: "invite",
      sender: "server",
      fields: [
        field("inviteId", "string", true, 105),
        field("isResponseNeeded", "boolean", true, 106),
        field("userId", "string", true, 107),
        field("workspaceId", "string", true, 108),
        field("channelId", "string", true, 109),
        field("message", "object", true, 110),
      ],
    },
    {
      message: "invite-response",
      sender: "server",
      fields: [
        field("inviteId", "string", true, 113),
        field("userId", "string", true, 114),
        field("response", "object", true, 115),
      ],
    },
    { message: "invite-cancelled", sender: "server", fields: [field("inviteId", "string", true, 118)] },
    { message: "kicked-from-workspace", sender: "server", fields: [field("workspaceId", "string", true, 121)] },
    {
      message: "muted-for-all",
      sender: "server",
      fields: [field("fromUserId", "string", true, 124), field("socketId", "string", true, 125)],
    },
  ],
};
