package dev.retailpipeline.generator;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static dev.retailpipeline.generator.GeneratorFixtures.GENERATOR;
import static dev.retailpipeline.generator.GeneratorFixtures.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.retailpipeline.time.HourRange;

class TimePatternTest {

    private static long placed(long h) {
        return GENERATOR.generate(new BatchSpec(8, h, 1, 0)).summary().ordersPlaced();
    }

    @Test
    void thanksgivingIsTheFourthThursdayOfNovember() {
        assertEquals(LocalDate.of(2026, 11, 26), Volume.thanksgiving(2026));
        assertEquals(LocalDate.of(2025, 11, 27), Volume.thanksgiving(2025));
        assertEquals(LocalDate.of(2030, 11, 28), Volume.thanksgiving(2030));
    }

    @Test
    void eveningsCarrySeveralTimesTheOrdersOfTheSmallHoursAndBlackFridayWeekendPeaks() {
        long weekBefore = HourRange.parseHour("2026-11-16T00");
        long[] perDay = new long[15]; // 2026-11-16 .. 2026-11-30 (Cyber Monday)
        long evening = 0;
        long night = 0;
        for (int day = 0; day < perDay.length; day++) {
            for (int hod = 0; hod < 24; hod++) {
                long n = placed(weekBefore + day * 24L + hod);
                perDay[day] += n;
                if (hod >= 19 && hod <= 21) {
                    evening += n;
                } else if (hod >= 3 && hod <= 5) {
                    night += n;
                }
            }
        }
        assertTrue(START <= weekBefore);
        assertTrue(evening >= 3 * night, "evening " + evening + " vs night " + night);
        int blackFriday = 11;
        int cyberMonday = 14;
        for (int day = 0; day < perDay.length; day++) {
            if (day >= 10) {
                continue; // Thanksgiving to Cyber Monday
            }
            assertTrue(perDay[blackFriday] > perDay[day], "Black Friday beats day " + day);
            assertTrue(perDay[cyberMonday] > perDay[day], "Cyber Monday beats day " + day);
        }
        assertTrue(perDay[blackFriday] > 1.8 * perDay[blackFriday - 7]);
    }
}
