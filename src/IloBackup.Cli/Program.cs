using IloBackup.Cli;

// The composition root: every verb is registered in CliApp; see ExitCodes for what the process returns.
// Ctrl+C cancels the verb, which cleans up; then the process ends by SIGINT (InterruptExit).
return await InterruptExit.RunAsync(CliConsole.System, args).ConfigureAwait(false);
