using IloBackup.TestSupport.Postgres;
using IloBackup.TestSupport.S3;

namespace IloBackup.Cli.Tests.Runners;

/// <summary>A test that needs both PostgreSQL and s3rver; skipped, with the reason, when either cannot run.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedSiteFactAttribute : FactAttribute
{
    public SharedSiteFactAttribute()
    {
        if (S3rver.Unavailable is { } noS3)
        {
            Skip = noS3;
        }
        else if (PostgresServer.Shared is null)
        {
            Skip = PostgresServer.SkipReason;
        }
    }
}
