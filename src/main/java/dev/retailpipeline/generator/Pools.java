package dev.retailpipeline.generator;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import net.datafaker.Faker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Value pools: the curated word lists (cities, catalog, words) from src/main/resources/generator, and per seed the
 * people and street names drawn once with Datafaker. The hot loop only picks from these arrays.
 */
final class Pools {

    /** A real US city with its state and the first three digits of its postal codes. */
    record City(String city, String state, String zipPrefix, int weight) {
    }

    /** A subcategory of the catalog with its price range (cents), brands and product nouns. */
    record Subcategory(String category, String name, String skuCode, long minCents, long maxCents,
                       String[] brands, String[] nouns) {
    }

    static final City[] CITIES;
    private static final long[] CITY_CUMULATIVE;
    static final Subcategory[] SUBCATEGORIES;
    static final String[] ADJECTIVES;
    static final String[] VARIANTS;
    static final String[] EMAIL_DOMAINS;
    static final String[] STORE_SUFFIXES;

    static {
        List<City> cities = new ArrayList<>();
        for (String line : lines("us-cities.csv")) {
            String[] f = line.split(",");
            cities.add(new City(f[0], f[1], f[2], Integer.parseInt(f[3])));
        }
        CITIES = cities.toArray(new City[0]);
        CITY_CUMULATIVE = new long[CITIES.length];
        long sum = 0;
        for (int i = 0; i < CITIES.length; i++) {
            sum += CITIES[i].weight();
            CITY_CUMULATIVE[i] = sum;
        }
        List<Subcategory> subs = new ArrayList<>();
        for (String line : lines("catalog.csv")) {
            String[] f = line.split("\\|");
            String code = (f[0].substring(0, 3) + "-" + f[1].replaceAll("[^A-Za-z]", "").substring(0, 3))
                    .toUpperCase(Locale.ROOT);
            subs.add(new Subcategory(f[0], f[1], code, Long.parseLong(f[2]), Long.parseLong(f[3]),
                    f[4].split(","), f[5].split(",")));
        }
        SUBCATEGORIES = subs.toArray(new Subcategory[0]);
        Map<String, String[]> words = new HashMap<>();
        for (String line : lines("words.csv")) {
            String[] f = line.split("\\|");
            words.put(f[0], f[1].split(","));
        }
        ADJECTIVES = words.get("adjective");
        VARIANTS = words.get("variant");
        EMAIL_DOMAINS = words.get("email_domain");
        STORE_SUFFIXES = words.get("store_suffix");
    }

    private static final int POOL_SIZE = 500;
    private static final int CACHED_SEEDS = 8;
    /** The pools of the seeds asked for lately (building a seed's pools takes Datafaker a while). */
    private static final LoadingCache<Long, Pools> CACHE = Caffeine.newBuilder()
            .maximumSize(CACHED_SEEDS)
            .build(Pools::new);

    final String[] firstNames;
    final String[] lastNames;
    final String[] streetNames;
    /** e-mail local-part form of the names: lowercase ASCII letters only. */
    final String[] firstNameMail;
    final String[] lastNameMail;

    private Pools(long seed) {
        Faker faker = new Faker(new Random(seed));
        firstNames = distinct(() -> faker.name().firstName());
        lastNames = distinct(() -> faker.name().lastName());
        streetNames = distinct(() -> faker.address().streetName());
        firstNameMail = mailForm(firstNames);
        lastNameMail = mailForm(lastNames);
    }

    static Pools forSeed(long seed) {
        return CACHE.get(seed);
    }

    /** A city, weighted by population. */
    static City city(long hash) {
        long x = Hash.below(hash, CITY_CUMULATIVE[CITY_CUMULATIVE.length - 1]);
        int lo = 0;
        int hi = CITY_CUMULATIVE.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (CITY_CUMULATIVE[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return CITIES[lo];
    }

    private interface Source {
        String next();
    }

    private static String[] distinct(Source source) {
        Set<String> seen = new LinkedHashSet<>();
        for (int attempts = 0; seen.size() < POOL_SIZE && attempts < POOL_SIZE * 20; attempts++) {
            String v = source.next();
            if (v != null && !v.isBlank() && !mail(v).isEmpty()) {
                seen.add(v.trim());
            }
        }
        return seen.toArray(new String[0]);
    }

    private static String[] mailForm(String[] names) {
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = mail(names[i]);
        }
        return out;
    }

    private static String mail(String name) {
        String ascii = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD);
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    private static List<String> lines(String resource) {
        String path = "/generator/" + resource;
        try (InputStream in = Pools.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> out = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.trim());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
