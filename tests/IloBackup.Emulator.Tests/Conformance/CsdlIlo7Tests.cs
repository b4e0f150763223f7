namespace IloBackup.Emulator.Tests.Conformance;

/// <summary>
/// Issue 16: the CSDL property check of issue 14 on an emulated iLO 7, which names
/// <c>ComputerSystem.v1_18_0</c> (DMTF's <c>ComputerSystem_v1.xml</c>, already in Conformance/Csdl,
/// defines every version up to v1_27_0: no new CSDL file is needed).
/// </summary>
public sealed class CsdlIlo7Tests
{
    [Fact]
    public async Task Every_served_DMTF_resource_of_an_ilo_7_has_only_properties_of_the_type_version_it_names()
    {
        var (problems, checkedTypes) = await CsdlPropertyTests.CheckFleetAsync(o => o with { Generation = 7 });

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Contains("ComputerSystem.v1_18_0.ComputerSystem", checkedTypes);
        Assert.DoesNotContain("ComputerSystem.v1_13_0.ComputerSystem", checkedTypes);
    }
}
