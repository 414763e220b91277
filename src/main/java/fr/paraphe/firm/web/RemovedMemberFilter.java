package fr.paraphe.firm.web;

import java.io.IOException;
import java.util.UUID;

import fr.paraphe.firm.Firms;
import fr.paraphe.firm.Membership;
import fr.paraphe.identity.ParapheUser;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends the open sessions of a collaborator the owner removed: the session remembers the membership it saw,
 * and the first request after the removal finds it gone, invalidates the session and sends the person out.
 * It runs after Spring Security's chain has set the security context, on every node (the check reads the
 * database, not a node's memory).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
class RemovedMemberFilter extends OncePerRequestFilter {

	static final String MEMBER_ATTRIBUTE = "PARAPHE_FIRM_MEMBER";

	private final Firms firms;

	RemovedMemberFilter(Firms firms) {
		this.firms = firms;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		HttpSession session = request.getSession(false);
		if (session != null && authentication != null && authentication.getPrincipal() instanceof ParapheUser user
				&& user.user().isFirmMember()) {
			Object seen = session.getAttribute(MEMBER_ATTRIBUTE);
			if (seen instanceof UUID member) {
				if (!firms.isActive(member)) {
					session.invalidate();
					SecurityContextHolder.clearContext();
					if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
						response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
					}
					else {
						response.sendRedirect(request.getContextPath() + "/deconnexion/ok");
					}
					return;
				}
			}
			else {
				firms.membershipOf(user.user().id())
					.map(Membership::memberId)
					.ifPresent(member -> session.setAttribute(MEMBER_ATTRIBUTE, member));
			}
		}
		chain.doFilter(request, response);
	}

}
