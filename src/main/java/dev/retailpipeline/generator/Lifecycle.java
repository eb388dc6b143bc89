package dev.retailpipeline.generator;

import java.util.ArrayList;
import java.util.List;

/**
 * Order lifecycles, enumerable per hour. Each order gets one of {@link #PROFILES} lifecycle profiles: order i of
 * hour p has profile b = (i + offset(p)) mod PROFILES. A profile says, in hours after placement, when the order is
 * paid (if not at once), cancelled, shipped, delivered and returned; its transitions land in distinct, increasing
 * hours. The orders of hour p reaching a stage d hours later are those with a profile whose stage delay is d, i.e.
 * i = b - offset(p) (mod PROFILES): finding an hour's transitions costs about PROFILES steps per stage, not a scan
 * of every earlier order.
 */
final class Lifecycle {
    static final int PROFILES = 1024;

    static final int PAY = 0;
    static final int CANCEL = 1;
    static final int SHIP = 2;
    static final int DELIVER = 3;
    static final int RETURN = 4;
    static final int STAGES = 5;
    static final String[] STATUS = {"paid", "cancelled", "shipped", "delivered", "returned"};

    /** delay[stage][profile]: hours after placement, 0 = the stage does not happen. */
    final int[][] delay = new int[STAGES][PROFILES];
    /** byDelay[stage][d]: the profiles reaching the stage d hours after placement. */
    final int[][][] byDelay = new int[STAGES][][];
    final int maxDelay;
    /**
     * profilesAt[d]: the profiles reaching some stage d hours after placement, ascending; stagesAt[d][k] is the
     * stage of profilesAt[d][k] (a profile's stages have distinct delays, so there is one per profile and delay).
     */
    final int[][] profilesAt;
    final int[][] stagesAt;
    private final long seed;

    Lifecycle(long seed) {
        this.seed = seed;
        Rng rng = new Rng();
        for (int b = 0; b < PROFILES; b++) {
            rng.reset(Hash.of(seed, Hash.LIFECYCLE, b));
            int pay = rng.chance(0.06) ? rng.between(1, 3) : 0;
            if (pay == 0 && rng.chance(0.04)) {
                delay[CANCEL][b] = rng.between(1, 20);
                continue;
            }
            delay[PAY][b] = pay;
            int shipMin = Math.max(2, pay + 1);
            int ship = shipMin + (int) ((rng.unit() + rng.unit()) / 2 * (48 - shipMin));
            int deliver = ship + 24 + (int) ((rng.unit() + rng.unit()) / 2 * 96);
            delay[SHIP][b] = ship;
            delay[DELIVER][b] = deliver;
            if (rng.chance(0.07)) {
                delay[RETURN][b] = deliver + rng.between(48, 336);
            }
        }
        int max = 0;
        for (int s = 0; s < STAGES; s++) {
            for (int b = 0; b < PROFILES; b++) {
                max = Math.max(max, delay[s][b]);
            }
        }
        maxDelay = max;
        for (int s = 0; s < STAGES; s++) {
            List<List<Integer>> lists = new ArrayList<>();
            for (int d = 0; d <= max; d++) {
                lists.add(new ArrayList<>());
            }
            for (int b = 0; b < PROFILES; b++) {
                if (delay[s][b] > 0) {
                    lists.get(delay[s][b]).add(b);
                }
            }
            byDelay[s] = new int[max + 1][];
            for (int d = 0; d <= max; d++) {
                byDelay[s][d] = lists.get(d).stream().mapToInt(Integer::intValue).toArray();
            }
        }
        profilesAt = new int[max + 1][];
        stagesAt = new int[max + 1][];
        for (int d = 0; d <= max; d++) {
            int[] profiles = new int[PROFILES];
            int[] stages = new int[PROFILES];
            int n = 0;
            for (int b = 0; b < PROFILES; b++) {
                for (int s = 0; s < STAGES; s++) {
                    if (d > 0 && delay[s][b] == d) {
                        if (n > 0 && profiles[n - 1] == b) {
                            throw new IllegalStateException("profile " + b + " has two stages " + d + " hours in");
                        }
                        profiles[n] = b;
                        stages[n++] = s;
                    }
                }
            }
            profilesAt[d] = java.util.Arrays.copyOf(profiles, n);
            stagesAt[d] = java.util.Arrays.copyOf(stages, n);
        }
    }

    /** The profile offset of placement hour p. */
    int offset(long p) {
        return (int) Hash.below(Hash.of(seed, Hash.LIFECYCLE, p, 1), PROFILES);
    }

    int profile(long p, int i) {
        return (i + offset(p)) % PROFILES;
    }

    boolean paysLater(int profile) {
        return delay[PAY][profile] > 0;
    }
}
