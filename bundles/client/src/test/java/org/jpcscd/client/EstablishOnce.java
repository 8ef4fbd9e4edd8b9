package org.jpcscd.client;

import org.jpcscd.api.ScardException;

/** A client process for the auto-start tests: establish a context (configured from the environment), report, release. */
public final class EstablishOnce {
    public static void main(String[] args) {
        try (Context ctx = PcscClient.create().establishContext()) {
            System.out.println("ok " + Integer.toHexString(ctx.id()) + " readers=" + ctx.listReaders().size());
        } catch (ScardException e) {
            System.out.println("failed " + e.getMessage());
            System.exit(1);
        }
    }
}
