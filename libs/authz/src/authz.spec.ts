import { CLIENT_ROLES, can, canGrantRole, isClientRole, PERMISSION_LABELS, PERMISSIONS, permissionsOf, ROLE_PERMISSIONS, ROLES, isRole } from './index';

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
    for (const role of CLIENT_ROLES) {
      expect(permissionsOf(role).sort()).toEqual(['account.read', 'client.read', 'organization.read']);
      expect(isClientRole(role)).toBe(true);
    }
    expect(ROLES.filter(isClientRole)).toEqual([...CLIENT_ROLES]);
  });

  it('lets only owners grant or take away the owner role', () => {
    expect(canGrantRole('OWNER', 'OWNER')).toBe(true);
    expect(canGrantRole('ADMIN', 'OWNER')).toBe(false);
    expect(canGrantRole('ADMIN', 'EDITOR')).toBe(true);
    expect(canGrantRole('EDITOR', 'MEMBER')).toBe(false);
    expect(canGrantRole('COMPLIANCE', 'MEMBER')).toBe(false);
  });
});
