import { Phone, type PhoneView } from "./call.js";
import { byId } from "./dom.js";
import { logIn, type VertoSession } from "./session.js";

byId<HTMLFormElement>("login").addEventListener("submit", (event) => {
  event.preventDefault();
  const login = byId<HTMLInputElement>("login-name").value;
  const password = byId<HTMLInputElement>("password").value;
  logIn(login, password, start).then(showPhone, (error: Error) => {
    byId<HTMLOutputElement>("login-error").value = error.message;
  });
});

function showPhone(session: VertoSession): void {
  byId<HTMLFormElement>("login").hidden = true;
  byId<HTMLElement>("phone-view").hidden = false;
  byId<HTMLElement>("me").textContent = session.login;
}

/** Wires the page to the session before it connects. */
function start(session: VertoSession): void {
  session.client.on("verto.clientReady", () => {
    byId<HTMLOutputElement>("ready").value = "ready";
  });
  const phone = new Phone(session, showCall);
  byId<HTMLFormElement>("phone").addEventListener("submit", (event) => {
    event.preventDefault();
    void phone
      .call(byId<HTMLInputElement>("number").value)
      .catch((error: Error) => showCall({ phase: "ended", detail: error.message }));
  });
  byId<HTMLButtonElement>("hang-up").addEventListener("click", () => void phone.hangUp());
}

function showCall(view: PhoneView): void {
  byId<HTMLFormElement>("phone").dataset.state = view.phase;
  byId<HTMLOutputElement>("call-state").value = view.phase === "ended" ? `ended: ${view.detail}` : view.phase;
  if (view.phase === "answered" && view.detail !== undefined) byId<HTMLOutputElement>("display").value = view.detail;
  byId<HTMLButtonElement>("hang-up").hidden = view.phase === "idle" || view.phase === "ended";
  byId<HTMLButtonElement>("call").hidden = !byId<HTMLButtonElement>("hang-up").hidden;
  if (view.remote !== undefined) byId<HTMLVideoElement>("remote").srcObject = view.remote;
  if (view.local !== undefined) byId<HTMLVideoElement>("local").srcObject = view.local;
}
