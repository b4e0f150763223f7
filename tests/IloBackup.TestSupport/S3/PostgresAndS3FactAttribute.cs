using IloBackup.TestSupport.Postgres;
using Xunit;

namespace IloBackup.TestSupport.S3;

/// <summary>A test that needs both the real PostgreSQL and s3rver; skipped with the reason of the one that cannot run.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresAndS3FactAttribute : FactAttribute
{
    public PostgresAndS3FactAttribute()
    {
        if ((PostgresServer.SkipReason ?? S3rver.Unavailable) is { } why)
        {
            Skip = why;
        }
    }
}
