using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace IloBackup.TestSupport.Postgres;

/// <summary>Marks a test class whose tests need the real PostgreSQL (<see cref="PostgresServer"/>).</summary>
public interface INeedsPostgres
{
}

/// <summary>
/// A fact written once in an abstract class and run by each subclass (one per catalog kind): in a class that
/// implements <see cref="INeedsPostgres"/> it is reported as skipped, with the reason, when PostgreSQL cannot run.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("IloBackup.TestSupport.Postgres.CatalogFactDiscoverer", "IloBackup.TestSupport")]
public sealed class CatalogFactAttribute : FactAttribute
{
}

public sealed class CatalogFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        if (typeof(INeedsPostgres).IsAssignableFrom(testMethod.TestClass.Class.ToRuntimeType()) && PostgresServer.Shared is null)
        {
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, PostgresServer.SkipReason!)];
        }

        return [new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)];
    }
}
