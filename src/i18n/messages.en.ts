/**
 * Server-side messages in English. The keys are the stable error codes of the
 * API; messages.nl.ts must have exactly the same keys (a test checks that).
 * `{name}` placeholders are filled from the error's parameters.
 */
export const en = {
  "request.malformed_json": "The request body is not valid JSON.",
  "request.validation_failed": "Some fields are missing or invalid: {fields}.",
  "request.unknown_field": "Unknown field: {fields}.",
  "request.too_large": "The request is too large (at most {limit}).",
  "request.unsupported_media_type": "Send the request body as application/json.",
  "request.rate_limited": "Too many attempts. Try again in {seconds} seconds.",
  "request.not_found": "There is nothing at this address.",
  "request.bad_url": "This address is not valid.",
  "request.invalid_cursor": "This page link is no longer valid. Start again from the first page.",
  internal: "Something went wrong on our side. It has been logged; please try again.",
  "auth.unauthenticated": "Please sign in first.",
  "auth.invalid_credentials": "The e-mail address or password is incorrect.",
  "auth.email_taken": "An account with this e-mail address already exists.",
  "auth.weak_password": "The password must be between 8 and 128 characters.",
  "auth.forbidden": "Your role does not allow this.",
  "auth.no_organization": "Your account does not belong to an organization.",
  "auth.invalid_token": "This API token is not valid or has been revoked.",
  "organizations.not_found": "Organization not found.",
  "members.not_found": "User not found in this organization.",
  "members.last_admin": "An organization needs at least one administrator.",
  "invitations.not_found": "This invitation does not exist, has expired or was already used.",
  "invitations.already_member": "This person is already a member of the organization.",
  "teams.not_found": "Team not found.",
  "teams.name_taken": "A team with this name already exists.",
  "clients.not_found": "Client not found.",
  "clients.owner_not_member": "The account owner must be a member of this organization.",
  "clients.version_conflict": "Someone else changed this client in the meantime. Reload and try again.",
  "contacts.not_found": "Contact not found.",
  "tokens.not_found": "API token not found.",
  "tokens.limit_reached": "You can have at most {limit} active API tokens.",
  "field.required": "This field is required.",
  "field.too_short": "Too short (at least {minimum}).",
  "field.too_long": "Too long (at most {maximum}).",
  "field.invalid_format": "Enter {format}.",
  "field.invalid_value": "This value is not allowed.",
  "field.invalid_type": "This field has the wrong type.",
  "field.unknown": "This field is not known.",
} as const;

export type MessageKey = keyof typeof en;
