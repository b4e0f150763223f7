using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Tests.Faults;

public sealed class RouteOverrideTests
{
    [Fact]
    public async Task An_override_answers_for_one_ilo_until_removed_and_can_rewrite_the_emulators_own_answer()
    {
        await using var emulator = await EmulatorFixture.StartAsync(count: 2);
        using var first = emulator.Client(0);
        using var second = emulator.Client(1);

        var rewrite = emulator.Fleet.Overrides.Add(0, "GET", "/redfish/v1", async (context, ilo, next) =>
        {
            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            await next(context);
            var json = JsonNode.Parse(buffer.ToArray())!.AsObject();
            json["Name"] = "hostile " + ilo.Index;
            var bytes = Encoding.UTF8.GetBytes(json.ToJsonString());
            context.Response.Body = original;
            context.Response.ContentLength = bytes.Length;
            await original.WriteAsync(bytes);
        });

        var rewritten = JsonNode.Parse(await first.GetStringAsync("/redfish/v1/"))!;
        Assert.Equal("hostile 0", (string?)rewritten["Name"]);
        Assert.NotEqual("hostile 1", (string?)JsonNode.Parse(await second.GetStringAsync("/redfish/v1/"))!["Name"]);

        using (emulator.Fleet.Overrides.Add(null, "GET", "/redfish/v1/", (context, _, _) =>
        {
            context.Response.StatusCode = 418;
            return Task.CompletedTask;
        }))
        {
            using var newest = await first.GetAsync("/redfish/v1/");
            Assert.Equal((HttpStatusCode)418, newest.StatusCode);
            using var other = await second.GetAsync("/redfish/v1");
            Assert.Equal((HttpStatusCode)418, other.StatusCode);
        }

        rewrite.Dispose();
        Assert.True(emulator.Fleet.Overrides.IsEmpty);
        using var plain = await first.GetAsync("/redfish/v1/");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.NotEqual("hostile 0", (string?)JsonNode.Parse(await plain.Content.ReadAsStringAsync())!["Name"]);
    }
}
