namespace IloBackup.Redfish.Http;

/// <summary>
/// Given to the code that reads a successful response: the token to read with and the timeout
/// source, which a streaming reader re-arms after each chunk (an idle timeout, not a total one), and
/// <c>host: METHOD path</c> for messages.
/// </summary>
internal readonly record struct ResponseScope(CancellationToken Token, CancellationTokenSource Timeout, TimeSpan IdleTimeout, string What)
{
    public void Touch() => Timeout.CancelAfter(IdleTimeout);
}
