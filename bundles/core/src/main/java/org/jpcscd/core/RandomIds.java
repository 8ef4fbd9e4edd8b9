package org.jpcscd.core;

import java.security.SecureRandom;
import java.util.function.IntPredicate;

/** Context and card handle values: random, non-zero, 31 bits, as pcscd draws them from getrandom(). */
final class RandomIds {
    private final SecureRandom random = new SecureRandom();

    /** A new value for which {@code taken} is false. */
    int next(IntPredicate taken) {
        while (true) {
            int value = random.nextInt() & 0x7FFFFFFF;
            if (value != 0 && !taken.test(value)) {
                return value;
            }
        }
    }
}
