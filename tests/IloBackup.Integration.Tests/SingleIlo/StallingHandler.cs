namespace IloBackup.Integration.Tests.SingleIlo;

/// <summary>
/// Lets the first bytes of matching responses through, then stalls until cancelled: a slow
/// link, so a test can interrupt a download in the middle.
/// </summary>
internal sealed class StallingHandler(HttpMessageHandler inner, string pathPrefix, StallingHandler.Gate gate) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.RequestUri!.AbsolutePath.StartsWith(pathPrefix, StringComparison.OrdinalIgnoreCase) && response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var content = new StreamContent(new StallingStream(body, gate));
            foreach (var header in response.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = content;
        }

        return response;
    }

    internal sealed class Gate
    {
        public TaskCompletionSource FirstBytes { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class StallingStream(Stream inner, Gate gate) : Stream
    {
        private bool _sent;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_sent)
            {
                _sent = true;
                var read = await inner.ReadAsync(buffer[..Math.Min(buffer.Length, 512)], cancellationToken);
                gate.FirstBytes.TrySetResult();
                return read;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
