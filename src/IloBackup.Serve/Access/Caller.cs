namespace IloBackup.Serve.Access;

/// <summary>Who made a request: a signed-in browser (with its session) or a bearer token.</summary>
public sealed record Caller(string Name, Role Role, WebSession? Session)
{
    public bool IsOperator => Role >= Role.Operator;
}
