// One bench run at a time per checkout: concurrent runs would rebuild `dist` under each other (`rm -rf dist`),
// overwrite each other's bundles and measure each other's load.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

function holderAlive(lockDir) {
  try {
    const pid = Number(readFileSync(join(lockDir, "pid"), "utf8"));
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error?.code === "EPERM" ? -1 : undefined;
  }
}

/** Waits until this run holds `<root>/test/bench/.lock`; the lock goes when this process exits. */
export async function holdBenchLock(root) {
  const lockDir = join(root, "test/bench/.lock");
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, "pid"), String(process.pid));
      process.on("exit", () => rmSync(lockDir, { recursive: true, force: true }));
      for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));
      return;
    } catch (error) {
      if (error?.code !== "EEXIST") throw error;
    }
    const holder = holderAlive(lockDir);
    if (holder === undefined) {
      // A run that died without cleaning up (or is between mkdir and writing its pid: give it a moment).
      await sleep(500);
      if (holderAlive(lockDir) === undefined) rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!announced) console.log(`bench: waiting for another bench run (pid ${holder}) to finish`);
    announced = true;
    await sleep(1_000);
  }
}
