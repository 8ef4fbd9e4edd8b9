package org.jpcscd.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.jpcscd.api.EventStateBits;
import org.jpcscd.client.Context;
import org.jpcscd.client.ReaderState;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code pcsc list}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the readers, numbered as 'send' accepts them, with the state of each",
            "one's card and its ATR. No reader is not an error: nothing is listed."})
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    PcscMain main;

    @Override
    public Integer call() throws Exception {
        try (Context ctx = main.client().establishContext()) {
            List<String> readers = ctx.listReaders();
            if (readers.isEmpty()) {
                System.out.println("no readers");
                return 0;
            }
            List<ReaderState> states = readers.stream().map(ReaderState::unaware).toList();
            ctx.getStatusChange(0, states);
            for (int i = 0; i < states.size(); i++) {
                ReaderState s = states.get(i);
                System.out.println(i + ": " + s.readerName());
                System.out.println("   " + CardState.describe(s.eventState())
                        + (s.has(EventStateBits.PRESENT) ? ", ATR " + Hex.format(s.atr()) : ""));
            }
        }
        return 0;
    }
}
