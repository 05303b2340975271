import { describe, expect, it } from "vitest";
import { ListenerTable } from "../../src/client/listeners.js";

function table(): { listeners: ListenerTable<number>; failures: unknown[] } {
  const failures: unknown[] = [];
  return { listeners: new ListenerTable<number>((error) => failures.push(error)), failures };
}

describe("client listener table", () => {
  it("calls a function added twice twice, and each remover takes away one of them, once", () => {
    const { listeners } = table();
    const heard: number[] = [];
    const listener = (value: number) => heard.push(value);
    const removeFirst = listeners.add("say", listener);
    listeners.add("say", listener);
    listeners.emit("say", 1);
    removeFirst();
    removeFirst();
    listeners.emit("say", 2);
    expect(heard).toEqual([1, 1, 2]);
  });

  it("keeps calling the others when one throws, and reports what it threw", () => {
    const { listeners, failures } = table();
    const heard: string[] = [];
    const failure = new Error("listener failed");
    listeners.add("say", () => heard.push("first"));
    listeners.add("say", () => {
      throw failure;
    });
    listeners.add("say", () => heard.push("last"));
    listeners.emit("say", 1);
    expect(heard).toEqual(["first", "last"]);
    expect(failures).toEqual([failure]);
  });

  it("lets a listener added or removed during an emit wait for the next emit", () => {
    const { listeners } = table();
    const heard: string[] = [];
    let removeLate = () => {};
    const late = () => heard.push("late");
    listeners.add("say", () => {
      heard.push("first");
      removeLate();
      removeLate = listeners.add("say", late);
    });
    listeners.emit("say", 1);
    listeners.emit("say", 2);
    expect(heard).toEqual(["first", "first", "late"]);
  });

  it("hears nothing for a name nobody listens to, nor after the last listener is removed", () => {
    const { listeners } = table();
    const heard: number[] = [];
    const remove = listeners.add("say", (value) => heard.push(value));
    listeners.emit("bind", 1);
    remove();
    listeners.emit("say", 2);
    expect(heard).toEqual([]);
  });

  it("hears listeners added and removed between emits of the same name, and a name first emitted unheard", () => {
    const { listeners } = table();
    const heard: string[] = [];
    listeners.emit("say", 0);
    const removeFirst = listeners.add("say", () => heard.push("first"));
    listeners.emit("say", 1);
    listeners.add("say", () => heard.push("second"));
    listeners.emit("say", 2);
    removeFirst();
    listeners.emit("say", 3);
    listeners.emit("bind", 4);
    listeners.emit("say", 5);
    expect(heard).toEqual(["first", "first", "second", "second", "second"]);
  });
});
