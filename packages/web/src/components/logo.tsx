export function Logo() {
  return (
    <span className="logo">
      <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
        <path
          d="M15.5 6.2A7 7 0 1 0 17 10"
          fill="none"
          stroke="currentColor"
          strokeWidth="2.6"
          strokeLinecap="round"
        />
        <circle cx="16.3" cy="4.2" r="1.9" fill="currentColor" />
      </svg>
      Closeloop
    </span>
  );
}
