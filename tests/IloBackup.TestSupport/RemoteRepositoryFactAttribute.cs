using IloBackup.TestSupport.Postgres;
using IloBackup.TestSupport.S3;
using Xunit;

namespace IloBackup.TestSupport;

/// <summary>A test that needs both the real PostgreSQL and s3rver; skipped with the reason when either cannot run.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RemoteRepositoryFactAttribute : FactAttribute
{
    public RemoteRepositoryFactAttribute()
    {
        if (S3rver.Unavailable is { } s3)
        {
            Skip = s3;
        }
        else if (PostgresServer.Shared is null)
        {
            Skip = PostgresServer.SkipReason;
        }
    }
}
