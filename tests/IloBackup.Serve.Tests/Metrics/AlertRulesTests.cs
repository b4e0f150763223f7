using System.Text.RegularExpressions;
using IloBackup.Serve.Tests.Web;
using YamlDotNet.RepresentationModel;

namespace IloBackup.Serve.Tests.Metrics;

/// <summary>The shipped alert rules (docs/serve/ilobackup-alerts.yml) are well-formed and name only metrics the service exports.</summary>
public sealed partial class AlertRulesTests : IAsyncLifetime
{
    private ServeFixture _fx = null!;

    public async Task InitializeAsync() => _fx = await ServeFixture.StartAsync(runs: 1);

    public async Task DisposeAsync() => await _fx.DisposeAsync();

    [Fact]
    public async Task Every_rule_has_a_name_an_expression_and_a_summary_and_names_exported_metrics()
    {
        var path = Path.Combine(TestPaths.RepositoryRoot(), "docs", "serve", "ilobackup-alerts.yml");
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _fx.ViewerToken);
        using var answer = await _fx.Client.SendAsync(request);
        var exported = PrometheusText.Parse(await answer.Content.ReadAsStringAsync()).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        var rules = ((YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["groups"]).Children
            .SelectMany(g => ((YamlSequenceNode)((YamlMappingNode)g)["rules"]).Children.Cast<YamlMappingNode>()).ToList();
        Assert.True(rules.Count >= 8);
        foreach (var rule in rules)
        {
            var name = ((YamlScalarNode)rule["alert"]).Value!;
            var expr = ((YamlScalarNode)rule["expr"]).Value!;
            Assert.False(string.IsNullOrWhiteSpace(((YamlScalarNode)((YamlMappingNode)rule["annotations"])["summary"]).Value), name);
            foreach (var metric in MetricName().Matches(expr).Select(m => m.Value))
            {
                Assert.True(exported.Contains(metric), $"{name} names {metric}, which /metrics does not export");
            }
        }
    }

    [GeneratedRegex(@"\bilobackup_[a-z_]+")]
    private static partial Regex MetricName();
}
