package fr.paraphe.firm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import fr.paraphe.firm.FirmEvents.ActionRefused;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records the refusals of a request once the request is over: by then its transactions have ended and given
 * their connections back, so a refused request never holds two pooled connections at once, however many
 * arrive together. Outermost filter, so that it wraps every transaction of the request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RefusalFilter extends OncePerRequestFilter {

	private static final String ATTRIBUTE = RefusalFilter.class.getName() + ".refusals";

	private final Firms firms;

	RefusalFilter(Firms firms) {
		this.firms = firms;
	}

	/** @return whether the refusal will be recorded at the end of the current request (false: not in one) */
	static boolean defer(ActionRefused refusal) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null) {
			return false;
		}
		@SuppressWarnings("unchecked")
		List<ActionRefused> refusals = (List<ActionRefused>) request.getAttribute(ATTRIBUTE,
				RequestAttributes.SCOPE_REQUEST);
		if (refusals == null) {
			return false;
		}
		synchronized (refusals) {
			refusals.add(refusal);
		}
		return true;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<ActionRefused> refusals = new ArrayList<>();
		request.setAttribute(ATTRIBUTE, refusals);
		try {
			chain.doFilter(request, response);
		}
		finally {
			request.removeAttribute(ATTRIBUTE);
			List<ActionRefused> toRecord;
			synchronized (refusals) {
				toRecord = List.copyOf(refusals);
			}
			firms.record(toRecord);
		}
	}

}
