using IloBackup.Cli;

// The composition root: every verb is registered in CliApp; see ExitCodes for what the process returns.
return await CliApp.RunAsync(args, CliConsole.System).ConfigureAwait(false);
