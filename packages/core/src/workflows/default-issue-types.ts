/** The issue types every new project starts with; admins add, rename and recolour them per project. */
export const DEFAULT_ISSUE_TYPE_DEFS = [
  { key: 'bug', name: 'Bug', icon: 'bug', color: '#ef4444' },
  { key: 'task', name: 'Task', icon: 'check-square', color: '#3b82f6' },
  { key: 'incident', name: 'Incident', icon: 'flame', color: '#f97316' },
  { key: 'risk', name: 'Risk', icon: 'alert-triangle', color: '#eab308' },
  { key: 'blocker', name: 'Blocker', icon: 'octagon', color: '#dc2626' },
  { key: 'feature', name: 'Feature', icon: 'sparkles', color: '#8b5cf6' },
] as const;
