package org.jpcscd.client.smartcardio.impl;

import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactorySpi;

import org.jpcscd.client.ClientSettings;
import org.jpcscd.client.PcscClient;

/**
 * {@code TerminalFactory.PC/SC}. The context is established lazily, on the first call that needs
 * the daemon, so creating the factory never fails and auto-start happens when a program first
 * lists terminals.
 */
public final class JpcscdTerminalFactorySpi extends TerminalFactorySpi {
    private final ContextHolder contexts;

    /** Called by {@code java.security.Provider.Service.newInstance}. */
    public JpcscdTerminalFactorySpi(Object parameter) {
        if (parameter != null && !(parameter instanceof ClientSettings)) {
            throw new IllegalArgumentException("parameter must be null or ClientSettings, not " + parameter.getClass());
        }
        PcscClient client = parameter == null ? PcscClient.create() : PcscClient.create((ClientSettings) parameter);
        this.contexts = new ContextHolder(client);
    }

    @Override
    protected CardTerminals engineTerminals() {
        return new Terminals(contexts);
    }
}
