// Every queue key of one prefix (a test run, a benchmark) removed by scanning,
// so nothing stays behind in Redis: obliterating each queue leaves keys such
// as `<prefix>:<queue>:meta` that a closing Queue writes back.
import { Redis } from "ioredis";

export async function deletePrefixKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}
