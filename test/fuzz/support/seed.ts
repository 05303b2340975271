/** The storms' fast-check seed: fixed, printed, and overridable (`FUZZ_SEED=…`) to replay or explore. */
export const fuzzSeed = Number(process.env.FUZZ_SEED ?? 20_260_601);
/** Bad frames per suite (at least 10,000 in CI). */
export const framesPerSuite = Number(process.env.FUZZ_FRAMES ?? 10_000);
