namespace IloBackup.Cli.Tests.Connection;

/// <summary>Tests that set ILOBACKUP_KNOWN_HOSTS run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KnownHostsEnvironment
{
    public const string Name = "known_hosts environment";
}
