using IloBackup.Redfish.Errors;

namespace IloBackup.Redfish.Tests.Errors;

/// <summary>How a registry text and its arguments make a message (<see cref="MessageTexts"/>).</summary>
public sealed class MessageTextsTests
{
    private static readonly Dictionary<string, string> Served = new(StringComparer.Ordinal)
    {
        ["Oem.Ten"] = "%1-%2-%3-%4-%5-%6-%7-%8-%9-%10 and %11, %0, 100% and a final %",
        ["Base.PropertyNotWritable"] = "served: %1",
    };

    [Fact]
    public void Each_placeholder_is_replaced_once_by_its_own_argument()
    {
        string[] args = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];

        Assert.Equal("a-b-c-d-e-f-g-h-i-j and %11, %0, 100% and a final %", MessageTexts.Describe("Oem.1.0.Ten", args, Served));
    }

    [Fact]
    public void A_placeholder_inside_an_argument_is_not_expanded()
    {
        Assert.Equal("%2 is read-only", MessageTexts.Describe("Base.1.0.PropertyNotWritable", ["%2", "x"]));
    }

    [Fact]
    public void A_served_text_comes_before_the_built_in_one()
    {
        Assert.Equal("served: X", MessageTexts.Describe("Base.1.12.PropertyNotWritable", ["X"], Served));
        Assert.Equal("X is required", MessageTexts.Describe("Base.1.12.PropertyMissing", ["X"], Served));
    }

    [Theory]
    [InlineData("Base.1.12.NoValidSession", "Base.1.12")]
    [InlineData("Base.1.12.0.NoValidSession", "Base.1.12.0")]
    [InlineData("iLO.2.14.ResetInProgress", "iLO.2.14")]
    [InlineData("NoValidSession", null)]
    [InlineData("Base.NoValidSession", null)]
    [InlineData("Base.x.12.NoValidSession", null)]
    [InlineData("Base..12.NoValidSession", null)]
    public void The_registry_of_a_message_id_is_its_prefix_and_version(string messageId, string? registry)
    {
        Assert.Equal(registry, MessageTexts.RegistryName(messageId));
    }
}
