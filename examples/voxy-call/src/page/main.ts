import { CallController } from "./call.js";
import { showCall } from "./call-view.js";
import { byId } from "./dom.js";
import { People } from "./people.js";
import { type Session, signIn } from "./session.js";

byId<HTMLFormElement>("login").addEventListener("submit", (event) => {
  event.preventDefault();
  const user = byId<HTMLInputElement>("user").value;
  const password = byId<HTMLInputElement>("password").value;
  signIn(user, password, start).then(showSignedIn, (error: Error) => {
    byId<HTMLOutputElement>("login-error").value = error.message;
  });
});

function showSignedIn(session: Session): void {
  byId<HTMLFormElement>("login").hidden = true;
  byId<HTMLElement>("app").hidden = false;
  byId<HTMLElement>("me").textContent = session.user;
}

/** Wires the page to the session before it connects. */
function start(session: Session): void {
  const connection = byId<HTMLOutputElement>("connection");
  connection.value = session.client.state;
  session.client.onEvent("state", (state) => {
    connection.value = state;
  });
  const calls = new CallController(session, showCall);
  new People(session, (user) => void calls.call(user).catch((error: Error) => console.warn(error.message)));
  byId<HTMLButtonElement>("accept").addEventListener("click", () => void calls.accept());
  byId<HTMLButtonElement>("reject").addEventListener("click", () => calls.hangUp());
  byId<HTMLButtonElement>("hang-up").addEventListener("click", () => calls.hangUp());
}
