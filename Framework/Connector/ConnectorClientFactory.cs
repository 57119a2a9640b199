namespace TeamsItBot.Framework.Connector;

public sealed class ConnectorClientFactory(
    IHttpClientFactory httpClientFactory,
    IBotTokenProvider tokenProvider,
    TrustedServiceUrls trustedServiceUrls,
    ConnectorThrottle? throttle = null) : IConnectorClientFactory
{
    public IConnectorClient Create(string serviceUrl)
    {
        if (!trustedServiceUrls.IsTrusted(serviceUrl))
        {
            throw new UntrustedServiceUrlException(serviceUrl);
        }

        return new ConnectorClient(httpClientFactory.CreateClient(ConnectorClient.HttpClientName), serviceUrl, tokenProvider, throttle);
    }
}
