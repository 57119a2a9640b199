// Copy to main.bicepparam (git-ignored) and fill in. Secrets are read from an existing Key Vault
// at deployment time (az.getSecret), so no secret is written in this file or in the repository.
using 'main.bicep'

param namePrefix = 'teamsitbot'
param botImage = 'myregistry.azurecr.io/teamsitbot:1.0.0'
param registryServer = 'myregistry.azurecr.io'
param registryUsername = 'myregistry'
param registryPassword = az.getSecret('<subscription-id>', '<key-vault-resource-group>', '<key-vault-name>', 'registry-password')

param microsoftAppId = '00000000-0000-0000-0000-000000000000'
param microsoftAppPassword = az.getSecret('<subscription-id>', '<key-vault-resource-group>', '<key-vault-name>', 'microsoft-app-password')

param jiraUrl = 'https://your-company.atlassian.net'
param jiraUsername = 'it-support-bot@example.com'
param jiraApiToken = az.getSecret('<subscription-id>', '<key-vault-resource-group>', '<key-vault-name>', 'jira-api-token')
param jiraProjectKey = 'ITSUPPORT'

param postgresAdminPassword = az.getSecret('<subscription-id>', '<key-vault-resource-group>', '<key-vault-name>', 'postgres-admin-password')
