package dev.spikeforge.cli;

import dev.spikeforge.compiler.build.BuildException;
import dev.spikeforge.golden.data.DatasetNotFoundException;
import dev.spikeforge.golden.io.ModelFormatException;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.toolchain.ToolMissingException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code spikeforge} command line: parses arguments and calls the Java API, nothing more. */
@Command(
    name = "spikeforge",
    mixinStandardHelpOptions = true,
    versionProvider = Versions.Provider.class,
    description = {
      "Spiking-neural-network hardware co-design: a bit-exact integer golden model, Chisel generators,",
      "Verilator/Icarus verification and an open FPGA flow.",
      "",
      "Start with: spikeforge demo        (dataset -> encode -> golden model -> accuracy)",
      "            spikeforge compile MODEL.json -o build/NAME; spikeforge verify build/NAME --sim both",
      "            spikeforge info        (versions, tools and datasets found on this machine)"
    },
    subcommands = {
      DemoCommand.class,
      SimulateCommand.class,
      DatasetCommand.class,
      ModelCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      BinarizeCommand.class,
      BitstreamCommand.class,
      BoardCommand.class,
      CompileCommand.class,
      VerifyCommand.class,
      InfoCommand.class,
      NirCommand.class,
      ReportCommand.class,
      ExploreCommand.class,
      CommandLine.HelpCommand.class
    },
    commandListHeading = "%nCommands:%n",
    footer = {"", "Run 'spikeforge help COMMAND' for the options of a command.",
        "Exit codes: 0 success, 1 failure, 2 bad input or usage."})
public final class Main implements Runnable {
  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
  boolean verbose;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given streams; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      boolean verbose = parseResult.hasMatchedOption("--verbose")
          || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
      return reportError(ex, verbose, err);
    });
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("error: " + ex.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
      err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
      return 2;
    });
    return cl.execute(args);
  }

  static int reportError(Exception ex, boolean verbose, PrintWriter err) {
    if (ex instanceof java.io.UncheckedIOException u) { // the API wraps I/O failures: report the I/O error itself
      ex = u.getCause();
    }
    if (verbose) {
      ex.printStackTrace(err);
    }
    if (ex instanceof SpecException || ex instanceof ModelFormatException || ex instanceof DatasetNotFoundException
        || ex instanceof UserException || ex instanceof IllegalArgumentException || ex instanceof BuildException
        || ex instanceof ToolMissingException
        || ex instanceof dev.spikeforge.boards.flow.DesignTooLargeException) {
      err.println("error: " + ex.getMessage());
      if (!verbose) {
        err.println("(run with --verbose for details)");
      }
      return 2;
    }
    if (ex instanceof java.nio.file.FileSystemException f) {
      // a path the user gave cannot be written or read: under a file, a directory, no permission, /proc
      err.println("error: cannot use " + (f.getFile() == null ? "a path" : f.getFile()) + ": " + fileProblem(f)
          + "; choose a path in a writable directory (outputs) or an existing file (inputs)");
      if (!verbose) {
        err.println("(run with --verbose for details)");
      }
      return 2;
    }
    if (ex instanceof dev.spikeforge.boards.flow.FlowException) {
      // A tool failed (its command and log are in the message): a failure, not a bug of spikeforge.
      err.println("error: " + ex.getMessage());
      if (!verbose) {
        err.println("(run with --verbose for details)");
      }
      return 1;
    }
    err.println("error: " + ex);
    if (!verbose) {
      err.println("(this looks like a bug in spikeforge; run with --verbose for the stack trace)");
    }
    return 1;
  }

  /** What went wrong with a path, in words (the JDK leaves the reason empty for the common cases). */
  static String fileProblem(java.nio.file.FileSystemException f) {
    if (f instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (f instanceof java.nio.file.NotDirectoryException) {
      return "a part of the path is a file, not a directory";
    }
    if (f instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory (or a part of the path is a file)";
    }
    if (f instanceof java.nio.file.FileAlreadyExistsException) {
      return "it already exists";
    }
    if (f instanceof java.nio.file.DirectoryNotEmptyException) {
      return "it is a directory that is not empty";
    }
    return f.getReason() == null ? f.getClass().getSimpleName() : f.getReason().toLowerCase(java.util.Locale.ROOT);
  }
}
