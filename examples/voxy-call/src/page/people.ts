import type { BindResult, Member, SayPush } from "@wiretype/voxy/types";
import { byId } from "./dom.js";
import type { Session } from "./session.js";

/**
 * Who is online (the bind answer's list, then each member's own bind notice) and the private chat.
 * voxy announces arrivals only: the protocol has no "went offline" message.
 */
export class People {
  readonly #online = new Set<string>();

  constructor(
    private readonly session: Session,
    private readonly onCall: (user: string) => void,
  ) {
    session.client.on("bind", (bind) => this.#addAll(bind));
    session.client.on("say", (say) => this.#showChat(say));
    byId<HTMLFormElement>("chat-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.#sendChat();
    });
  }

  /** The answer to our bind lists who was online; another member's bind notice names that member. */
  #addAll(bind: BindResult): void {
    const members: Member[] = [...bind.list];
    // The server writes the sender's user_id into the notice, a member bindResult does not declare.
    if ("user_id" in bind && typeof bind.user_id === "string") members.push({ user_id: bind.user_id });
    for (const member of members) {
      if (member.user_id !== undefined && member.user_id !== this.session.user) this.#add(member.user_id);
    }
  }

  #add(user: string): void {
    if (this.#online.has(user)) return;
    this.#online.add(user);
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.textContent = `Call ${user}`;
    button.dataset.user = user;
    button.addEventListener("click", () => this.onCall(user));
    item.append(`${user} `, button);
    byId<HTMLUListElement>("online").append(item);
    byId<HTMLSelectElement>("chat-to").append(new Option(user, user));
  }

  #sendChat(): void {
    const to = byId<HTMLSelectElement>("chat-to").value;
    const input = byId<HTMLInputElement>("chat-text");
    if (to === "" || input.value === "") return;
    const { user, client } = this.session;
    client.send.say({
      action: "say",
      type: "1",
      user_id: user,
      to_userid: to,
      content: input.value,
      category: "private",
      media: "",
    });
    this.#appendLine(`me → ${to}: ${input.value}`);
    input.value = "";
  }

  #showChat(say: SayPush): void {
    this.#appendLine(`${say.user_id ?? "?"}: ${say.content}`);
  }

  #appendLine(text: string): void {
    const line = document.createElement("li");
    line.textContent = text;
    byId<HTMLOListElement>("chat").append(line);
  }
}
