import type { RedisClient } from "./redis.js";
import type { Timing } from "./timing.js";
import { type CallRecord, type ClusterKeys, type MemberRecord, parseCall, parseMember } from "./wire.js";

/**
 * A node's whole state, written in one transaction: its members' hash (replaced), the calls it knows,
 * its `alive` key and both TTLs, and its name in the node set.
 */
export async function writeState(
  redis: RedisClient,
  keys: ClusterKeys,
  node: string,
  timing: Timing,
  state: { readonly members: readonly MemberRecord[]; readonly calls: readonly CallRecord[] },
): Promise<void> {
  const write = redis.multi().del(keys.members(node));
  const fields = state.members.flatMap((member) => [member.id, JSON.stringify(member)]);
  if (fields.length > 0) write.hset(keys.members(node), ...fields);
  for (const call of state.calls) {
    const json = JSON.stringify(call);
    write.hset(keys.calls, call.caller, json, call.callee, json);
  }
  write.pexpire(keys.members(node), timing.ttlMs);
  write.set(keys.alive(node), "1", "PX", timing.ttlMs).sadd(keys.nodes, node);
  await write.exec();
}

/** The other living nodes; a node listed whose `alive` key is gone is taken off the list (unless `keepDead`). */
export async function livingNodes(redis: RedisClient, keys: ClusterKeys, self: string, keepDead: boolean) {
  const nodes = (await redis.smembers(keys.nodes)).filter((node) => node !== self);
  const living: string[] = [];
  for (const node of nodes) {
    if ((await redis.exists(keys.alive(node))) === 1) living.push(node);
    else if (!keepDead) await redis.srem(keys.nodes, node);
  }
  return living;
}

export async function readMembers(redis: RedisClient, keys: ClusterKeys, node: string): Promise<MemberRecord[]> {
  const fields = await redis.hvals(keys.members(node));
  return fields.map(parseMember).filter((record): record is MemberRecord => record !== undefined);
}

export async function readCalls(redis: RedisClient, keys: ClusterKeys): Promise<CallRecord[]> {
  const fields = await redis.hvals(keys.calls);
  return fields.map(parseCall).filter((record): record is CallRecord => record !== undefined);
}
