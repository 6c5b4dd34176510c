import {
  CLIENT_ROLES,
  OBJECT_VISIBILITY,
  can,
  canGrantRole,
  canReadSecret,
  canSeeField,
  grantableRoles,
  isClientRole,
  isRole,
  PERMISSION_LABELS,
  PERMISSIONS,
  permissionsOf,
  ROLE_PERMISSIONS,
  ROLES,
  LOCALES,
  preferredLocale,
  roleDescription,
  roleLabel,
} from './index';

describe('role → permission matrix', () => {
  it('names every role and only known permissions', () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) {
      for (const permission of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(permission);
    }
  });

  it('describes every permission in words', () => {
    expect(Object.keys(PERMISSION_LABELS).sort()).toEqual([...PERMISSIONS].sort());
  });

  it('lets only owners, admins and compliance read and verify the audit trail', () => {
    const readers = ROLES.filter((role) => can(role, 'audit.read'));
    expect(readers).toEqual(['OWNER', 'ADMIN', 'COMPLIANCE']);
    expect(ROLES.filter((role) => can(role, 'audit.verify'))).toEqual(readers);
  });

  it('recognises roles', () => {
    expect(isRole('OWNER')).toBe(true);
    expect(isRole('owner')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});

describe('client-scoped roles and role grants', () => {
  it('gives client users nothing that touches the agency’s own administration or staff', () => {
    // Their own client's accounts and posts: reading, commenting, and (client approvers) approving.
    expect(permissionsOf('CLIENT_VIEWER').sort()).toEqual(['account.read', 'client.read', 'organization.read', 'post.comment', 'post.read']);
    expect(permissionsOf('CLIENT_APPROVER').sort()).toEqual(['account.read', 'client.read', 'organization.read', 'post.approve', 'post.comment', 'post.read']);
    for (const role of CLIENT_ROLES) expect(isClientRole(role)).toBe(true);
    expect(ROLES.filter(isClientRole)).toEqual([...CLIENT_ROLES]);
  });

  it('shows a seatless approval link in kept mail only to those who manage the approval chains', () => {
    expect(ROLES.filter((role) => canReadSecret(role, { kind: 'approval_link' }))).toEqual(['OWNER', 'ADMIN']);
  });

  it('lets only owners grant or take away the owner role', () => {
    expect(canGrantRole('OWNER', 'OWNER')).toBe(true);
    expect(canGrantRole('ADMIN', 'OWNER')).toBe(false);
    expect(canGrantRole('ADMIN', 'EDITOR')).toBe(true);
    expect(canGrantRole('EDITOR', 'MEMBER')).toBe(false);
    expect(canGrantRole('COMPLIANCE', 'MEMBER')).toBe(false);
  });
});

describe('what a secret in kept mail grants', () => {
  it('shows an invitation link only to someone who may invite and may grant its role', () => {
    for (const reader of ROLES) {
      for (const role of ROLES) {
        expect(canReadSecret(reader, { kind: 'invitation', role })).toBe(can(reader, 'member.invite') && canGrantRole(reader, role));
      }
    }
    expect(canReadSecret('ADMIN', { kind: 'invitation', role: 'OWNER' })).toBe(false);
    expect(canReadSecret('OWNER', { kind: 'invitation', role: 'OWNER' })).toBe(true);
  });

  it('lists what each role may grant', () => {
    expect(grantableRoles('OWNER')).toEqual([...ROLES]);
    expect(grantableRoles('ADMIN')).toEqual(ROLES.filter((r) => r !== 'OWNER'));
    expect(grantableRoles('EDITOR')).toEqual([]);
  });
});

describe('field visibility', () => {
  it('hides staff emails, ownership history and the internal policy from client users only', () => {
    for (const role of ROLES) {
      const staff = !isClientRole(role);
      expect(canSeeField(role, 'OwnerRef', 'email', 'String')).toBe(staff);
      expect(canSeeField(role, 'SocialAccount', 'ownershipHistory', 'AccountOwnership')).toBe(staff);
      expect(canSeeField(role, 'PolicyDocumentStatus', 'current', 'PolicyDocumentVersion')).toBe(staff);
      expect(canSeeField(role, 'SocialAccount', 'handle', 'String')).toBe(true);
    }
  });

  it('shows no guarded field to a reader without a role in an organization', () => {
    expect(canSeeField(null, 'OwnerRef', 'email', 'String')).toBe(false);
    expect(canSeeField(null, 'OwnerRef', 'name', 'String')).toBe(true);
  });

  it('guards only with known permissions', () => {
    for (const visibility of Object.values(OBJECT_VISIBILITY)) {
      for (const permission of [visibility.type, ...Object.values(visibility.fields ?? {})].filter(Boolean)) expect(PERMISSIONS).toContain(permission);
    }
  });
});

describe('locales', () => {
  it('names and describes every role in both languages', () => {
    for (const role of ROLES) {
      for (const locale of LOCALES) {
        expect(roleLabel(role, locale).length).toBeGreaterThan(2);
        expect(roleDescription(role, locale).length).toBeGreaterThan(10);
      }
      expect(roleLabel(role, 'fr')).not.toBe(roleLabel(role, 'en'));
    }
  });

  it('picks the supported language an Accept-Language header prefers', () => {
    expect(preferredLocale('fr-FR,fr;q=0.9,en-US;q=0.8')).toBe('fr');
    expect(preferredLocale('de-DE,de;q=0.9,en;q=0.5,fr;q=0.4')).toBe('en');
    expect(preferredLocale('en;q=0.2, fr-CA;q=0.8')).toBe('fr');
    expect(preferredLocale('de, es')).toBeNull();
    expect(preferredLocale('fr;q=0, en')).toBe('en');
    expect(preferredLocale('')).toBeNull();
    expect(preferredLocale(undefined)).toBeNull();
  });
});
