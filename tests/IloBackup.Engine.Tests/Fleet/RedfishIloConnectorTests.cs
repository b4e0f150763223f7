using IloBackup.Engine.Fleet;
using IloBackup.Engine.Inventory;
using IloBackup.Redfish.Tls;

namespace IloBackup.Engine.Tests.Fleet;

public sealed class RedfishIloConnectorTests
{
    [Fact]
    public async Task A_password_shared_by_many_iLOs_is_read_once_per_run()
    {
        var yaml = """
            defaults:
              user: admin
              password-env: FLEET_PW
            hosts:
              - host: https://127.0.0.1:1
              - host: https://127.0.0.1:2
              - host: https://127.0.0.1:3
              - host: https://127.0.0.1:4
                password-env: OTHER_PW
            """;
        var inventory = InventoryLoader.Parse(yaml, "fleet.yaml", InventoryFormat.Yaml, null);
        var reads = new Dictionary<string, int>(StringComparer.Ordinal);
        var connector = new RedfishIloConnector(new RedfishIloConnectorOptions
        {
            Tls = TlsPolicy.DangerousAcceptAnyCertificate(),
            Environment = name =>
            {
                lock (reads)
                {
                    reads[name] = reads.GetValueOrDefault(name) + 1;
                }

                return name + "-secret";
            },
        });

        await Task.WhenAll(inventory.Hosts.Select(async host => await (await connector.ConnectAsync(host, CancellationToken.None)).DisposeAsync()));
        foreach (var host in inventory.Hosts)
        {
            await (await connector.ConnectAsync(host, CancellationToken.None)).DisposeAsync();
        }

        Assert.InRange(reads["FLEET_PW"], 1, 3); // the first concurrent connections may each read it once
        Assert.InRange(reads["OTHER_PW"], 1, 1);
    }

    [Fact]
    public async Task A_password_that_cannot_be_read_is_not_remembered()
    {
        var inventory = InventoryLoader.Parse("defaults:\n  user: admin\n  password-env: LATE_PW\nhosts:\n  - host: https://127.0.0.1:1\n",
            "fleet.yaml", InventoryFormat.Yaml, null);
        string? value = null;
        var connector = new RedfishIloConnector(new RedfishIloConnectorOptions
        {
            Tls = TlsPolicy.DangerousAcceptAnyCertificate(),
            Environment = _ => value,
        });

        await Assert.ThrowsAsync<InventoryCredentialException>(() => connector.ConnectAsync(inventory.Hosts[0], CancellationToken.None));
        value = "now-set";
        await (await connector.ConnectAsync(inventory.Hosts[0], CancellationToken.None)).DisposeAsync();
    }
}
