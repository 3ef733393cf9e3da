/** The embedded OAuth2 authorization server (the role of an OCI identity domain). */
package io.ekms.identity;
