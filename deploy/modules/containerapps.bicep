// Container Apps environment with two apps: the bot (public HTTPS ingress, 2+ replicas, HTTP
// scale rule) and mcp-atlassian (internal ingress only: reachable by the bot, not from outside).
// Secrets are Container Apps secrets, referenced by the containers with secretRef.
param location string
param namePrefix string
param logAnalyticsWorkspaceName string
param botImage string
param registryServer string
param registryUsername string

@secure()
param registryPassword string

param mcpAtlassianImage string
param microsoftAppId string

@secure()
param microsoftAppPassword string

param microsoftAppTenantId string
param allowedTenantIds string
param jiraUrl string
param jiraUsername string

@secure()
param jiraApiToken string

param jiraProjectKey string

@secure()
param postgresConnectionString string

param minReplicas int
param maxReplicas int
param concurrentRequestsPerReplica int
param otlpEndpoint string

var mcpAppName = '${namePrefix}-mcp'
var useRegistry = !empty(registryServer) && !empty(registryUsername)

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsWorkspaceName
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${namePrefix}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
  }
}

resource mcp 'Microsoft.App/containerApps@2024-03-01' = {
  name: mcpAppName
  location: location
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        // Internal: only apps in this environment reach it, at http://<name>/ (port 80 -> 9000).
        external: false
        targetPort: 9000
        transport: 'http'
        allowInsecure: true
      }
      secrets: [
        {
          name: 'jira-api-token'
          value: jiraApiToken
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'mcp-atlassian'
          image: mcpAtlassianImage
          args: [
            '--transport'
            'streamable-http'
            '--port'
            '9000'
          ]
          env: [
            {
              name: 'JIRA_URL'
              value: jiraUrl
            }
            {
              name: 'JIRA_USERNAME'
              value: jiraUsername
            }
            {
              name: 'JIRA_API_TOKEN'
              secretRef: 'jira-api-token'
            }
            {
              name: 'JIRA_PROJECTS_FILTER'
              value: jiraProjectKey
            }
            {
              // Server-side credentials: safe because the ingress is internal to the environment.
              name: 'ALLOW_GLOBAL_CRED_FALLBACK'
              value: 'true'
            }
          ]
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          probes: [
            {
              type: 'Liveness'
              httpGet: {
                path: '/healthz'
                port: 9000
              }
              periodSeconds: 30
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/healthz'
                port: 9000
              }
              periodSeconds: 10
            }
          ]
        }
      ]
      scale: {
        minReplicas: 1
        maxReplicas: 2
      }
    }
  }
}

resource botApp 'Microsoft.App/containerApps@2024-03-01' = {
  name: '${namePrefix}-bot'
  location: location
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
      }
      registries: useRegistry ? [
        {
          server: registryServer
          username: registryUsername
          passwordSecretRef: 'registry-password'
        }
      ] : []
      secrets: concat([
        {
          name: 'microsoft-app-password'
          value: microsoftAppPassword
        }
        {
          name: 'storage-connection-string'
          value: postgresConnectionString
        }
      ], useRegistry ? [
        {
          name: 'registry-password'
          value: registryPassword
        }
      ] : [])
    }
    template: {
      containers: [
        {
          name: 'bot'
          image: botImage
          env: [
            {
              name: 'MicrosoftAppId'
              value: microsoftAppId
            }
            {
              name: 'MicrosoftAppPassword'
              secretRef: 'microsoft-app-password'
            }
            {
              name: 'MicrosoftAppTenantId'
              value: microsoftAppTenantId
            }
            {
              name: 'MicrosoftAppType'
              value: 'SingleTenant'
            }
            {
              name: 'AllowedTenantIds'
              value: allowedTenantIds
            }
            {
              name: 'JIRA_URL'
              value: jiraUrl
            }
            {
              name: 'JIRA_PROJECT_KEY'
              value: jiraProjectKey
            }
            {
              name: 'MCP_ATLASSIAN_URL'
              value: 'http://${mcp.name}/mcp'
            }
            {
              name: 'Storage__Provider'
              value: 'Postgres'
            }
            {
              name: 'Storage__ConnectionString'
              secretRef: 'storage-connection-string'
            }
            {
              name: 'OTEL_EXPORTER_OTLP_ENDPOINT'
              value: otlpEndpoint
            }
            {
              name: 'OTEL_SERVICE_NAME'
              value: 'teamsitbot'
            }
          ]
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          probes: [
            {
              type: 'Liveness'
              httpGet: {
                path: '/healthz'
                port: 8080
              }
              periodSeconds: 30
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/readyz'
                port: 8080
              }
              periodSeconds: 15
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http-concurrency'
            http: {
              metadata: {
                concurrentRequests: string(concurrentRequestsPerReplica)
              }
            }
          }
        ]
      }
    }
  }
}

output botFqdn string = botApp.properties.configuration.ingress.fqdn
