import { byId } from "./dom.js";
import { Room } from "./room.js";
import { joinRoom, type RoomSession } from "./session.js";

byId<HTMLFormElement>("join").addEventListener("submit", (event) => {
  event.preventDefault();
  const user = byId<HTMLInputElement>("user").value;
  const password = byId<HTMLInputElement>("password").value;
  const room = byId<HTMLInputElement>("room").value;
  joinRoom(user, password, room, start).then(showRoom, (error: Error) => {
    byId<HTMLOutputElement>("join-error").value = error.message;
  });
});

function showRoom(session: RoomSession): void {
  byId<HTMLFormElement>("join").hidden = true;
  byId<HTMLElement>("room-view").hidden = false;
  byId<HTMLElement>("room-name").textContent = session.room;
  byId<HTMLElement>("me").textContent = session.user;
}

/** Wires the page to the session before it connects. */
function start(session: RoomSession): void {
  const room = new Room(session);
  const videoButton = byId<HTMLButtonElement>("toggle-video");
  const audioButton = byId<HTMLButtonElement>("toggle-audio");
  videoButton.addEventListener("click", () => {
    videoButton.textContent = room.toggle("video") ? "Camera off" : "Camera on";
  });
  audioButton.addEventListener("click", () => {
    audioButton.textContent = room.toggle("audio") ? "Mute" : "Unmute";
  });
  byId<HTMLButtonElement>("leave").addEventListener("click", () => {
    void room.leave().then(() => {
      byId<HTMLElement>("room-view").hidden = true;
    });
  });
}
