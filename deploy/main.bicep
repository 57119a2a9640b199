// TeamsItBot on Azure: the Azure Bot resource (single-tenant, Teams channel), the bot on Azure
// Container Apps (2+ replicas, HTTP scale rule), mcp-atlassian as an internal container app and
// Azure Database for PostgreSQL flexible server for conversation state and the ticket outbox.
// Deploy: see deploy/README.md.
targetScope = 'resourceGroup'

@description('Azure region for everything but the Azure Bot (which is global).')
param location string = resourceGroup().location

@description('Prefix of every resource name; lower-case letters, digits and dashes.')
@minLength(3)
@maxLength(20)
param namePrefix string = 'teamsitbot'

@description('The bot container image, e.g. myregistry.azurecr.io/teamsitbot:1.0.0 (built from deploy/Dockerfile).')
param botImage string

@description('Registry login server for botImage; empty for a public image.')
param registryServer string = ''

@description('Registry user name; empty for a public image.')
param registryUsername string = ''

@description('Registry password or token; empty for a public image.')
@secure()
param registryPassword string = ''

@description('mcp-atlassian image, pinned to a version tag.')
param mcpAtlassianImage string = 'ghcr.io/sooperset/mcp-atlassian:0.23.1'

@description('App (client) id of the single-tenant Entra app registration used by the Azure Bot.')
param microsoftAppId string

@description('Client secret of that app registration.')
@secure()
param microsoftAppPassword string

@description('Tenant of the app registration (and of the users).')
param microsoftAppTenantId string = tenant().tenantId

@description('Tenants allowed to talk to the bot, comma-separated; empty = any.')
param allowedTenantIds string = tenant().tenantId

@description('Jira site, e.g. https://your-company.atlassian.net')
param jiraUrl string

@description('Jira service account e-mail (Cloud).')
param jiraUsername string

@description('Jira API token of that account.')
@secure()
param jiraApiToken string

@description('Project that receives the tickets.')
param jiraProjectKey string = 'ITSUPPORT'

@description('PostgreSQL administrator login.')
param postgresAdminLogin string = 'teamsitbot'

@description('PostgreSQL administrator password.')
@secure()
param postgresAdminPassword string

@description('Fewest bot replicas; 2 or more so one can restart while the other answers.')
@minValue(2)
param minReplicas int = 2

@description('Most bot replicas.')
@maxValue(30)
param maxReplicas int = 6

@description('Concurrent HTTP requests per replica before another replica is added.')
param concurrentRequestsPerReplica int = 50

@description('Azure Bot pricing tier; Teams is a standard channel, free on F0.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('OTLP endpoint for traces and metrics; empty = no export.')
param otlpEndpoint string = ''

module logs 'modules/logs.bicep' = {
  name: 'logs'
  params: {
    location: location
    name: '${namePrefix}-logs'
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    location: location
    name: '${namePrefix}-pg-${uniqueString(resourceGroup().id)}'
    adminLogin: postgresAdminLogin
    adminPassword: postgresAdminPassword
    databaseName: 'teamsitbot'
  }
}

module apps 'modules/containerapps.bicep' = {
  name: 'containerapps'
  params: {
    location: location
    namePrefix: namePrefix
    logAnalyticsWorkspaceName: logs.outputs.workspaceName
    botImage: botImage
    registryServer: registryServer
    registryUsername: registryUsername
    registryPassword: registryPassword
    mcpAtlassianImage: mcpAtlassianImage
    microsoftAppId: microsoftAppId
    microsoftAppPassword: microsoftAppPassword
    microsoftAppTenantId: microsoftAppTenantId
    allowedTenantIds: allowedTenantIds
    jiraUrl: jiraUrl
    jiraUsername: jiraUsername
    jiraApiToken: jiraApiToken
    jiraProjectKey: jiraProjectKey
    postgresConnectionString: 'Host=${postgres.outputs.fqdn};Database=${postgres.outputs.databaseName};Username=${postgresAdminLogin};Password=${postgresAdminPassword};SSL Mode=Require'
    minReplicas: minReplicas
    maxReplicas: maxReplicas
    concurrentRequestsPerReplica: concurrentRequestsPerReplica
    otlpEndpoint: otlpEndpoint
  }
}

module bot 'modules/bot.bicep' = {
  name: 'azurebot'
  params: {
    name: '${namePrefix}-${uniqueString(resourceGroup().id)}'
    sku: botSku
    microsoftAppId: microsoftAppId
    microsoftAppTenantId: microsoftAppTenantId
    messagingEndpoint: 'https://${apps.outputs.botFqdn}/api/messages'
  }
}

@description('Public host of the bot: BOT_PUBLIC_HOST for manifest/package.py.')
output botPublicHost string = apps.outputs.botFqdn

@description('The messaging endpoint registered on the Azure Bot.')
output messagingEndpoint string = 'https://${apps.outputs.botFqdn}/api/messages'

@description('Name of the Azure Bot resource.')
output azureBotName string = bot.outputs.name
